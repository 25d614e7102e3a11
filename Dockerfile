# Runtime image for the jar built by `./mvnw package` (build it first; Docker does not run Maven here).
# Layered as the Spring Boot reference describes: dependencies change rarely and sit in their own layers, so a
# rebuild after a code change ships only the small application layer.
# The embedded PostgreSQL is not meant for containers: pass DATABASE_URL (compose.yaml does).

FROM eclipse-temurin:25-jre AS extract
WORKDIR /build
COPY target/postflux-*.jar application.jar
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted

FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 --no-create-home postflux
WORKDIR /application
COPY --from=extract /build/extracted/dependencies/ ./
COPY --from=extract /build/extracted/spring-boot-loader/ ./
COPY --from=extract /build/extracted/snapshot-dependencies/ ./
COPY --from=extract /build/extracted/application/ ./
USER postflux
EXPOSE 8080
# `docker run IMAGE migrate` (or info, validate, undo, seed) runs a jar command instead of the server.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "application.jar"]
