package dev.canarylab.lab.workshop;

/**
 * What {@code lab check} says about one module, in one sentence: done, or not yet with a hint.
 *
 * @param hint the next thing to do; null when done
 */
public record Check(boolean done, String sentence, String hint) {

    public static Check done(String sentence) {
        return new Check(true, sentence, null);
    }

    public static Check notYet(String sentence, String hint) {
        return new Check(false, sentence, hint);
    }

    /** "done: ..." or "not yet: ...; hint: ...". */
    public String line() {
        return done ? "done: " + sentence : "not yet: " + sentence + "; hint: " + hint;
    }
}
