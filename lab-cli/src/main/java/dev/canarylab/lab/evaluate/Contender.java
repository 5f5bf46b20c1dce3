package dev.canarylab.lab.evaluate;

/** A way of judging a canary, run on the same synthetic traffic as the others. */
interface Contender {

    String name();

    Outcome run(TrackRecording baseline, TrackRecording canary);
}
