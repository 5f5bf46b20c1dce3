package dev.canarylab.lab.control;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.narration.QrCode;
import dev.canarylab.lab.runtime.AudienceStatus;
import dev.canarylab.lab.runtime.LabRuntime;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Audience mode on the dashboard: the phones per version (with the token, like the rest of the API) and the QR
 * code of the audience page, at a fixed address any dashboard layout may show ({@link #QR_PATH}; public like the
 * page's other images: it holds only the address the room is shown anyway).
 */
final class AudienceBoard {

    /** The QR code of the audience page, as SVG; 404 when audience mode is off. */
    static final String QR_PATH = Dashboard.PATH + "audience-qr.svg";
    static final String API_PATH = "/v1/audience";

    private AudienceBoard() {
    }

    /** Installs its routes; before the dashboard's, whose asset route would otherwise answer for the QR code. */
    static void install(Javalin app, LabRuntime runtime) {
        app.get(QR_PATH, ctx -> {
            Optional<AudienceStatus> a = runtime.audience();
            if (a.isEmpty()) {
                off(ctx);
                return;
            }
            ctx.header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff")
                    .contentType("image/svg+xml").result(QrCode.of(a.get().url()).svg());
        });
        app.get(API_PATH, ctx -> {
            Optional<AudienceStatus> a = runtime.audience();
            if (a.isEmpty()) {
                // 204, not 404: the dashboard asks every few seconds, and a browser logs every 404 as an error
                ctx.status(204);
                return;
            }
            ctx.json(a.get());
        });
    }

    private static void off(Context ctx) {
        ctx.status(404).json(new ControlServer.Error("audience mode is off: start the lab with --audience ADDRESS",
                ExitCodes.USAGE));
    }
}
