"""The demo data set: the seed's orders, generated orders, accounts, logins."""
