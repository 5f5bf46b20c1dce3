package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.traffic.mix.Endpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lab init}: the files a team needs to canary-test its own service in CI, from one command line. */
@Command(name = "init", sortOptions = false,
        description = {"Writes a commented lab.yaml for your own service (a command, a jar or an image), a canary",
            "config, a request mix and two scenarios (promote.yaml, catch-regression.yaml) for 'lab test'.",
            "Refuses to overwrite files unless --force. Exit 0 when written, 2 for bad input."})
public final class InitCommand implements Callable<Integer> {

    /** How the service runs: exactly one of the three. */
    static final class Launch {
        @Option(names = "--command", paramLabel = "'CMD'", required = true,
                description = "The command that starts the service, in quotes, with ${PORT} where it takes its port:"
                        + " --command 'java -jar build/orders.jar --port ${PORT}' (single quotes keep ${PORT}).")
        String command;

        @Option(names = "--jar", paramLabel = "JAR", required = true,
                description = "A jar to run with the lab's java; say how it takes its port with --args or --port-env.")
        String jar;

        @Option(names = "--image", paramLabel = "IMAGE", required = true,
                description = "A container image, for the k3s and kube runtimes; give its --port.")
        String image;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Launch launch;

    @Option(names = "--args", paramLabel = "'ARGS'",
            description = "With --jar: its arguments, in quotes, e.g. '--server.port=${PORT}'.")
    String args;

    @Option(names = "--port-env", paramLabel = "NAME",
            description = "The service reads its port from this variable (e.g. PORT) rather than from ${PORT} in"
                    + " its command or --args.")
    String portEnv;

    @Option(names = "--port", paramLabel = "PORT",
            description = "With --image: the port the container listens on.")
    Integer port;

    @Option(names = "--ready-path", paramLabel = "PATH",
            description = "An HTTP path that answers 200 once the service is ready, e.g. /health (default: the port"
                    + " accepts connections).")
    String readyPath;

    @Option(names = "--regressed", paramLabel = "CMD|JAR|IMAGE",
            description = "A release known to be worse (same kind as the first), for catch-regression.yaml.")
    String regressed;

    @Option(names = "--endpoint", paramLabel = "SPEC", split = ",",
            description = "Requests of the traffic, [METHOD ]PATH[@WEIGHT], repeatable (default: /).")
    List<String> endpoints = new ArrayList<>();

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
            description = "Where to write the files (default: the current directory).")
    Path dir;

    @Option(names = "--force", description = "Overwrite files that exist.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        InitTemplates.Service service = service();
        List<Endpoint> requests = requests();
        Writable.directory(dir, "--dir");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("lab.yaml", InitTemplates.catalog(service));
        files.put("canary.yaml", InitTemplates.canaryConfig());
        files.put("requests.yaml", InitTemplates.requests(requests));
        files.put("promote.yaml", InitTemplates.scenario("promote", "The release under test is promoted", "v2",
                "promoted"));
        files.put("catch-regression.yaml", InitTemplates.scenario("catch-regression",
                "A release known to be worse is rolled back", "v2-regressed", "rolled back"));
        if (!force) {
            for (String name : files.keySet()) {
                if (Files.exists(dir.resolve(name))) {
                    throw LabException.badInput(dir.resolve(name) + " already exists; --force overwrites it");
                }
            }
        }
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(dir.resolve(f.getKey()), f.getValue());
            }
        } catch (IOException e) {
            throw new LabException(ExitCodes.SOFTWARE, "cannot write in " + dir + ": " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(InitTemplates.nextSteps(dir, service, regressed != null));
        out.flush();
        return ExitCodes.OK;
    }

    private InitTemplates.Service service() {
        if (portEnv != null && !portEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw LabException.badInput("--port-env " + portEnv + " is not a variable name (letters, digits and _)");
        }
        if (readyPath != null && !readyPath.startsWith("/")) {
            throw LabException.badInput("--ready-path must start with '/', e.g. /health; got '" + readyPath + "'");
        }
        if (launch.image != null) {
            if (port == null || port < 1 || port > 65535) {
                throw LabException.badInput("--image needs --port, the port the container listens on (1-65535)");
            }
            if (args != null || portEnv != null) {
                throw LabException.badInput("--args and --port-env go with --jar or --command; a container gets its"
                        + " port from --port");
            }
            return new InitTemplates.Service.Image(launch.image, regressed, port, readyPath);
        }
        if (port != null) {
            throw LabException.badInput("--port goes with --image; locally the lab gives each instance a free port,"
                    + " ${PORT}");
        }
        if (launch.jar != null) {
            List<String> jarArgs = args == null ? List.of() : Words.split(args, "--args");
            needsPort(jarArgs, "--args '--server.port=${PORT}'");
            return new InitTemplates.Service.Jar(launch.jar, regressed, jarArgs, portEnv, readyPath);
        }
        if (args != null) {
            throw LabException.badInput("--args goes with --jar; with --command, put the arguments in the command");
        }
        List<String> command = Words.split(launch.command, "--command");
        needsPort(command, "--command 'CMD --port ${PORT}'");
        List<String> worse = regressed == null ? null : Words.split(regressed, "--regressed");
        if (worse != null) {
            needsPort(worse, "--regressed 'CMD --port ${PORT}'");
        }
        return new InitTemplates.Service.Cmd(command, worse, portEnv, readyPath);
    }

    /** The lab gives each instance its own port: the service must be told it one way or the other. */
    private void needsPort(List<String> words, String example) {
        if (portEnv == null && words.stream().noneMatch(w -> w.contains("${PORT}"))) {
            throw LabException.badInput("the service must listen on the port the lab gives it: " + example
                    + " (in single quotes, so the shell keeps ${PORT}), or --port-env NAME");
        }
    }

    private List<Endpoint> requests() {
        List<Endpoint> out = new ArrayList<>();
        try {
            for (String e : endpoints.isEmpty() ? List.of("/") : endpoints) {
                out.add(Endpoint.parse(e));
            }
        } catch (IllegalArgumentException e) {
            throw LabException.badInput("--endpoint: " + e.getMessage());
        }
        return out;
    }
}
