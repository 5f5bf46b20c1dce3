package dev.canarylab.lab.runtime.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings the replicas of a version that runs already to a new count, as a ReplicaSet does: what serves nobody
 * goes first, and dead replicas are replaced at once rather than left to their back-off.
 */
final class Rescale {

    /** Starts a replica with the given index. */
    interface Starter {
        Replica start(int index);
    }

    /** The replicas to keep (sorted by index), those to stop, and how many dead ones were replaced. */
    record Result(List<Replica> replicas, List<Replica> toStop, int repaired) {
    }

    private Rescale() {
    }

    static Result to(List<Replica> current, int replicas, Starter starter) {
        List<Replica> list = new ArrayList<>(current);
        List<Replica> toStop = new ArrayList<>();
        // Scaling down removes first what serves nobody, as a ReplicaSet does: dead, then not ready, then newest.
        Map<Replica, Integer> usefulness = new HashMap<>();
        list.forEach(r -> usefulness.put(r, r.dead() ? 0 : r.ready() ? 2 : 1));
        list.sort(Comparator.<Replica>comparingInt(usefulness::get).thenComparing(r -> -r.index));
        while (list.size() > replicas) {
            toStop.add(list.remove(0));
        }
        // Deploying what runs already repairs it: a dead replica is replaced at once, not left to its back-off.
        int repaired = 0;
        for (int i = 0; i < list.size(); i++) {
            Replica r = list.get(i);
            if (r.dead()) {
                toStop.add(r);
                list.set(i, starter.start(r.index));
                repaired++;
            }
        }
        while (list.size() < replicas) {
            list.add(starter.start(freeIndex(list)));
        }
        list.sort(Comparator.comparingInt(r -> r.index));
        return new Result(list, toStop, repaired);
    }

    private static int freeIndex(List<Replica> list) {
        int i = 0;
        while (true) {
            int candidate = i;
            if (list.stream().noneMatch(r -> r.index == candidate)) {
                return candidate;
            }
            i++;
        }
    }
}
