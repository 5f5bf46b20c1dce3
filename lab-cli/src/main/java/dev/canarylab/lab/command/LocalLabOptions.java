package dev.canarylab.lab.command;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of the commands that bring up a lab of their own (`lab demo`, `lab test`), on any runtime. */
public final class LocalLabOptions {

    @Mixin
    RuntimeOptions runtime;

    @Mixin
    InstanceOptions instance;

    @Option(names = "--reports", paramLabel = "DIR",
            description = "Where reports go (default: reports/ in the state directory).")
    Path reports;

    void validate() {
        runtime.validate();
    }

    Path reportDir(StateDirOption state) {
        return reports != null ? reports : state.dir.resolve("reports");
    }
}
