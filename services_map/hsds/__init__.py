"""The directory as open data: an Open Referral HSDS 3.0 API (decision 0024), its exports (the
compiled JSON, the Tabular Data Package and the 3W table as CSV and workbook, built once per
directory version and language, decision 0026), and agencies' spreadsheets in and out
(`importing/`, decision 0025)."""
