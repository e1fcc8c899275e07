# mockgw as a container: the offline fake of the AINative Studio gateway, for CI service containers.
#
#   docker build -t mockgw .
#   docker run --rm -p 8080:8080 mockgw                                    # shipped scenarios
#   docker run --rm -p 8080:8080 -v "$PWD/scenarios:/scenarios:ro" mockgw  # your scenarios instead
#
# Every `mockgw serve` option is a MOCKGW_<OPTION> variable (MOCKGW_SEED, MOCKGW_STRICT=1,
# MOCKGW_LENIENT=1, MOCKGW_ACCOUNTS=/config/accounts.yaml, ...). See docs/docker.md.
# The image listens on 0.0.0.0, so its control plane (/_mockgw) needs a token: set
# MOCKGW_ADMIN_TOKEN (the pytest plugin reads the same variable), or read the one it logs at start.

# --- build: the mockgw wheel, so that no source tree or build tool reaches the final image -------
FROM python:3.12-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY . .
RUN pip wheel --no-deps --wheel-dir /wheels .

# --- runtime: the package and its runtime dependencies only (no test extras) ----------------------
FROM python:3.12-slim
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore
COPY --from=build /wheels /tmp/wheels
RUN pip install --no-cache-dir /tmp/wheels/*.whl \
 && rm -rf /tmp/wheels \
 && groupadd --system --gid 10001 mockgw \
 && useradd --system --uid 10001 --gid mockgw --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin mockgw

# /scenarios holds a copy of the shipped scenarios and is what the server loads: a folder mounted
# there replaces them; one mounted at /scenarios/<name> adds to them.
COPY scenarios/*.yaml /scenarios/

ENV PYTHONUNBUFFERED=1 \
    MOCKGW_HOST=0.0.0.0 \
    MOCKGW_PORT=8080 \
    MOCKGW_SCENARIOS=/scenarios
USER 10001:10001
EXPOSE 8080

# GET http://127.0.0.1:8080/_mockgw/health (the port follows MOCKGW_PORT); python, as the image has no curl.
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/_mockgw/health' % os.environ.get('MOCKGW_PORT', '8080'), timeout=2)"]

# exec form: mockgw (uvicorn) is PID 1 and gets SIGTERM itself
CMD ["mockgw", "serve"]
