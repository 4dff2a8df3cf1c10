"""Input and output: parsing, dates, demo data, downloads, configuration and the stores."""
