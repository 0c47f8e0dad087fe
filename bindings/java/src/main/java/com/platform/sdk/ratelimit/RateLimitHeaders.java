package com.platform.sdk.ratelimit;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code parseRateLimitHeaders}: reads X-RateLimit-Limit/Remaining/Reset/Policy, Retry-After and the
 * IETF RateLimit / RateLimit-Policy fields (names case-insensitive). Never throws on header values:
 * missing or malformed fields come back empty.
 */
public final class RateLimitHeaders {
    private RateLimitHeaders() {}

    /** From a header map (several values of one name are joined with ", "). */
    public static RateLimitInfo parse(Map<String, List<String>> headers) {
        return parse(headers, RateLimitBridge.SYSTEM_CLOCK);
    }

    /** From {@link java.net.http.HttpHeaders}. */
    public static RateLimitInfo parse(HttpHeaders headers) {
        return parse(headers.map());
    }

    /** From a {@link java.net.http.HttpResponse}. */
    public static RateLimitInfo parse(HttpResponse<?> response) {
        return parse(response.headers());
    }

    static RateLimitInfo parse(Map<String, List<String>> headers, long nowMs) {
        List<String> flat = new ArrayList<>();
        if (headers != null) {
            headers.forEach((name, values) -> {
                if (name != null && values != null) {
                    flat.add(name);
                    flat.add(String.join(", ", values));
                }
            });
        }
        String[] f = RateLimitBridge.parseHeaders(flat.toArray(String[]::new), nowMs);
        return new RateLimitInfo(number(f[0]), number(f[1]),
                Optional.ofNullable(f[2]).map(ms -> Instant.ofEpochMilli(Long.parseLong(ms))),
                Optional.ofNullable(f[3]), number(f[4]));
    }

    private static OptionalLong number(String text) {
        return text == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
    }
}
