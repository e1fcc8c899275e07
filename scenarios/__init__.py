"""The shipped scenarios. This folder installs as the package mockgw.shipped_scenarios, which is how
the server finds them (importlib.resources) in a wheel, an editable install and the Docker image."""
