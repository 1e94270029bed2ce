from tests.web.fixtures import demo, demo_template, fast_password_hashing, server  # noqa: F401
