"""The directory as open data: an Open Referral HSDS 3.0 API (decision 0024), and agencies'
spreadsheets in and out (`importing/`, decision 0025)."""
