"""What the public sees of the directory: the search page and its map data, service pages, the
printable sheet and its QR codes, and the 'report a problem' form."""
