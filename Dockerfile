# Runtime image for the jar built by `./mvnw package`. The embedded PostgreSQL is not used here: compose.yaml
# passes DATABASE_URL.
FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 postflux
WORKDIR /app
COPY target/postflux-*.jar /app/postflux.jar
USER postflux
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/postflux.jar"]
