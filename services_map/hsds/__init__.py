"""The directory as open data in Open Referral HSDS 3.0, and agencies' spreadsheets in and out
(`importing/`)."""
