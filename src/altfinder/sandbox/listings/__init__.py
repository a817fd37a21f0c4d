"""Each marketplace's listings of the demo catalogue, one module per marketplace."""
