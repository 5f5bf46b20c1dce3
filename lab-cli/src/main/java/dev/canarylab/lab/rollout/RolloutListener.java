package dev.canarylab.lab.rollout;

import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.Verdict;
import dev.canarylab.lab.evaluate.ShadowVerdict;
import dev.canarylab.lab.runtime.Track;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Watches a rollout as it runs: the narrator, webhooks, the dashboard. Called on the rollout's thread. */
public interface RolloutListener {

    /** Something happened: a step began, weights changed, a verdict, a promotion or rollback. */
    default void event(RolloutRecord.Event event) {
    }

    /** About every quarter second: where the rollout is. */
    default void tick(Progress progress) {
    }

    /** An analysis looked. */
    default void look(String analysis, Judgement judgement) {
    }

    /** The shadow judges judged a look (after the lab, before {@link #look}). */
    default void shadowed(Shadows shadows) {
    }

    /** An analysis ended with its final judgement and sentence. */
    default void analysed(RolloutRecord.Analysis analysis) {
    }

    /** Tells {@code first}, then {@code second}, everything. */
    static RolloutListener both(RolloutListener first, RolloutListener second) {
        return new RolloutListener() {
            @Override
            public void event(RolloutRecord.Event event) {
                first.event(event);
                second.event(event);
            }

            @Override
            public void tick(Progress progress) {
                first.tick(progress);
                second.tick(progress);
            }

            @Override
            public void look(String analysis, Judgement judgement) {
                first.look(analysis, judgement);
                second.look(analysis, judgement);
            }

            @Override
            public void shadowed(Shadows shadows) {
                first.shadowed(shadows);
                second.shadowed(shadows);
            }

            @Override
            public void analysed(RolloutRecord.Analysis analysis) {
                first.analysed(analysis);
                second.analysed(analysis);
            }
        };
    }

    /**
     * A look's shadow verdicts beside the lab's.
     *
     * @param lab         the lab's verdict of the same look
     * @param disagreeing the judges whose verdict disagrees with the lab's (see {@link ShadowJudges#disagrees})
     */
    record Shadows(String analysis, int look, Verdict lab, List<ShadowVerdict> verdicts, Set<String> disagreeing) {

        public Shadows {
            verdicts = List.copyOf(verdicts);
            disagreeing = Set.copyOf(disagreeing);
        }
    }

    /**
     * Where a rollout is.
     *
     * @param step      e.g. "step 4/6: analysis every 10s for 60s"
     * @param analysis  the running analysis' name, or null
     * @param elapsed   seconds into that analysis
     * @param end       seconds at which it ends (grows when extended)
     * @param requests  requests per track in the analysis window so far (or since the step began)
     * @param last      the latest judgement of that analysis, or null
     */
    record Progress(String step, int weight, String analysis, double elapsed, double end, Map<Track, Long> requests,
            Judgement last) {
    }
}
