package dev.canarylab.lab.runtime;

import dev.canarylab.lab.analysis.MetricData;

/**
 * What a source returned for one metric and track.
 *
 * @param query the query as sent, placeholders resolved (shown in reports so a failure can be reproduced)
 * @param note  how the data was obtained when it is not what the metric asks for (for example per-step series
 *              instead of request-level samples), else null
 */
public record Reading(MetricData data, String query, String note) {

    public static Reading unavailable(String query, String reason) {
        return new Reading(new MetricData.Unavailable(reason), query, null);
    }
}
