"""Words in English and Chinese: the phrases the model hands over and how people read them."""
