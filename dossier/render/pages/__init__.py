"""The page families: each renders one kind of page from the linked dossier, importing only the
shared modules of `dossier.render` (context, markup, vocabulary, figures, graph, relmap, svg), never another
family; `dossier.render.site` composes them."""
