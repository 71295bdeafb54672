# The portal image: one image for web (gunicorn), worker and beat (celery); compose picks
# the command. Build: `docker build -t community-portal .`
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    PORTAL_VAR_DIR=/app/var \
    STATIC_ROOT=/app/staticfiles

WORKDIR /app

# Dependencies first, from pyproject.toml alone, so this layer is rebuilt only when the
# dependencies change. The project declares no packages: the code is run from /app.
COPY pyproject.toml ./
RUN pip install .

# The code is owned by root and read-only to the user that runs it.
COPY . .

# Translations and static files are built into the image; the dummy key exists only for
# this step (settings refuse to start without one when DEBUG is off).
RUN pybabel compile --domain django --directory locale \
    && SECRET_KEY=build-only-not-a-secret DEBUG=0 python manage.py collectstatic --noinput \
    && groupadd --system --gid 10001 portal \
    && useradd --system --uid 10001 --gid portal --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin portal \
    && mkdir -p /app/var/media \
    && chown -R portal:portal /app/var

USER 10001:10001

EXPOSE 8000

# No HEALTHCHECK here: worker and beat run this image too and serve no HTTP. The web
# service's health check is in docker-compose.yml.
CMD ["gunicorn", "--config", "gunicorn.conf.py", "portal.wsgi"]
