"""Tests of the sample workshop (rcdesk/services/sample/)."""
