"""The corpus: a store of analysed articles and the copy network and stories over them."""
