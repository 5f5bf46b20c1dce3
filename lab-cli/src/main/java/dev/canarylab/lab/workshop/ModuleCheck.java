package dev.canarylab.lab.workshop;

/** The check of one workshop module (docs/workshop/NN-ID): what done means for its challenge. */
public interface ModuleCheck {

    /** The module's id, as {@code lab check ID} takes it. */
    String id();

    /** The challenge in one line, for {@code lab check} without a module. */
    String goal();

    /**
     * Looks at the attendee's lab, files and reports.
     *
     * @throws dev.canarylab.lab.LabException bad input when one of the attendee's files cannot be read
     */
    Check check(Workshop workshop);
}
