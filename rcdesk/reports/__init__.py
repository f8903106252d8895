"""PDF, chart, image and open-format writers: plain functions of domain data. No Qt."""
