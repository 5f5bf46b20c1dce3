package dev.canarylab.lab.command;

import dev.canarylab.lab.control.StateFile;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a lab keeps its state; every command that talks to the lab takes it. */
public final class StateDirOption {

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "${env:LAB_STATE_DIR:-.lab}",
            description = "Directory of the running lab's state.json and lab.log (LAB_STATE_DIR; default: ${DEFAULT-VALUE}).")
    Path dir;

    public StateFile stateFile() {
        return new StateFile(dir);
    }
}
