import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Runs Neo4j Community as a local server for development, tests and benchmarks, on
 * machines without Docker: the official Maven Central artifacts in embedded mode with
 * the Bolt connector on loopback, authentication on.
 *
 * Run by scripts/neo4j-local.ts as `java -cp <classpath> Neo4jLocal.java`. Everything it
 * needs comes from environment variables so that secrets never show in `ps`:
 *   NEO4J_LOCAL_HOME      folder for data and logs (created if missing)
 *   NEO4J_LOCAL_PORT      Bolt port on 127.0.0.1
 *   NEO4J_LOCAL_USER      the admin user (only "neo4j" exists in Community)
 *   NEO4J_LOCAL_PASSWORD  its password, set on first start and kept in sync after
 * Further settings (memory, timeouts, the procedure allow-list) are read from
 * NEO4J_LOCAL_HOME/neo4j.conf, which the script writes before each start.
 */
public final class Neo4jLocal {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(required("NEO4J_LOCAL_HOME")).toAbsolutePath();
        int port = Integer.parseInt(required("NEO4J_LOCAL_PORT"));
        String user = required("NEO4J_LOCAL_USER");
        String password = required("NEO4J_LOCAL_PASSWORD");
        if (!user.matches("[A-Za-z][A-Za-z0-9_]*")) {
            System.err.println("neo4j-local: NEO4J_LOCAL_USER must be a plain identifier, got: " + user);
            System.exit(2);
        }
        Files.createDirectories(home);

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
        Path conf = home.resolve("neo4j.conf");
        if (Files.exists(conf)) builder.loadPropertiesFromFile(conf);
        DatabaseManagementService dbms = builder
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM / SIGINT: shut the databases down cleanly so no recovery is needed next time.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("neo4j-local: shutting down");
            dbms.shutdown();
            stopped.countDown();
        }));

        // Community has one admin user; its password comes from the project's config, so set
        // it here (idempotent) rather than asking the user to change a default on first login.
        dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                "ALTER USER " + user + " SET PASSWORD $password CHANGE NOT REQUIRED",
                Map.of("password", password));

        System.out.println("neo4j-local: ready, bolt://127.0.0.1:" + port + " data " + home);
        stopped.await();
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            System.err.println("neo4j-local: environment variable " + name + " is required");
            System.exit(2);
        }
        return value;
    }
}
