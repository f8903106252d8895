"""Tests of the PDF summary (rcdesk/reports/pdf/)."""
