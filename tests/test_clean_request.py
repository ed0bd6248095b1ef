"""Every view reads query values without control characters."""
from flask import request


def test_query_values_arrive_without_control_characters(app):
    with app.test_request_context("/orders?q=a%00b%1bc&k%7f=v%0Aw"):
        assert request.args["q"] == "abc"
        # Tab and newlines are text, not controls to strip.
        assert request.args["k"] == "v\nw"
