# Builds one of the three services from the whole Maven reactor.
#
#   docker build --build-arg APP=command-side -t medborgarlofte/command-side .
#   docker build --build-arg APP=query-side   -t medborgarlofte/query-side .
#   docker build --build-arg APP=web          -t medborgarlofte/web .
#
# The build stage does not depend on APP, so both images share its cached layers.

# ---------------------------------------------------------------- build stage
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build

# The whole reactor (see .dockerignore), built for the two services and the modules they need. Copying
# everything keeps this file right when modules are added; dependency downloads are not cached separately.
COPY . .
RUN mvn -B -DskipTests -pl command-side,query-side,web -am package

# 3. Pick the executable jar of the requested service.
ARG APP=command-side
RUN case "${APP}" in \
      command-side|query-side|web) ;; \
      *) echo "Build arg APP must be command-side, query-side or web, got '${APP}'" >&2; exit 1 ;; \
    esac \
 && cp "${APP}/target/${APP}-"*"-exec.jar" /build/app.jar

# -------------------------------------------------------------- runtime stage
FROM eclipse-temurin:17-jre
ARG APP=command-side
LABEL org.opencontainers.image.title="medborgarlofte-${APP}"

# curl is only used by the health checks in docker-compose.yml.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system app \
 && useradd --system --gid app --home-dir /app --shell /usr/sbin/nologin app

WORKDIR /app
COPY --from=build /build/app.jar /app/app.jar
# ./data holds the local users file when no identity provider is configured (a volume in docker-compose.yml).
RUN mkdir -p /app/data && chown app:app /app/data

# Overridable at run time (docker-compose.yml sets its own value).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError"
# In a container the apps log one JSON object a line (Elastic Common Schema; Spring Boot's structured logging), for
# a log collector; the local ./run keeps plain lines. LOGGING_STRUCTURED_FORMAT_CONSOLE=logstash for that format.
ENV LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs

USER app:app
# command-side listens on 8080, query-side on 8081, web on 8082 (all follow env PORT).
EXPOSE 8080 8081 8082
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
