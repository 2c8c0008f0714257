"""The service directory as an Open Referral HSDS 3.0 API (decision 0024)."""
