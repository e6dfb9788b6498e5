vcl 4.1;
# Varnish in front of Kabar's app nodes (docs/deploy.md).
#
# It caches what Kabar marks public (Cache-Control: public, s-maxage; stale-while-revalidate
# becomes grace), passes POSTs and every request of a signed-in user or a commenter (the
# cookies Kabar's own page cache bypasses for, PAGE_CACHE_BYPASS_COOKIES), and forgets an
# address when an app node sends PURGE for it (Wagtail's frontend cache, FRONTEND_CACHE=http).
# The backends and the addresses allowed to purge are the install's own: backends.vcl
# (deploy/varnish/backends.example.vcl) defines `purgers` and `sub kabar_backends`.

import directors;

sub vcl_init {
    new nodes = directors.round_robin();
    call kabar_backends;
}

# After vcl_init: its `sub kabar_backends` adds the backends to `nodes`.
include "backends.vcl";

sub vcl_recv {
    # One id per reader request, passed to the app and logged by both (structured logs).
    if (!req.http.X-Request-ID) {
        set req.http.X-Request-ID = req.xid;
    }
    set req.backend_hint = nodes.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }
    if (req.method == "BAN") {
        # Everything under a host at once: BAN / with the Host header of the site.
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        ban("obj.http.X-Kabar-Host == " + req.http.host);
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Prometheus metrics are each node's own and never kept (Kabar answers 404 to the public).
    if (req.url ~ "^/_/metrics") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # Staff, signed-in readers and commenters see pages of their own; everyone else shares one.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages|kabar_komentar_saya|kabar_komentator)=") {
        return (pass);
    }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    set beresp.http.X-Kabar-Host = bereq.http.host;
    # A node that fails mid-answer is not cached; the last good copy is served in grace.
    if (beresp.status >= 500) {
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
}

sub vcl_backend_error {
    # A node went away between the health probes (until two of them fail, ~2 s, the director
    # still hands it requests): try again, up to three times. Round robin usually gives the
    # next node, but other requests picking in between can hand back the dead one; one retry
    # alone let a reader see an error after a node was killed (test_cluster).
    if (bereq.retries < 3) {
        return (retry);
    }
}

sub vcl_deliver {
    unset resp.http.X-Kabar-Host;
    set resp.http.X-Request-ID = req.http.X-Request-ID;
    if (obj.hits > 0) {
        set resp.http.X-Varnish-Cache = "HIT";
    } else {
        set resp.http.X-Varnish-Cache = "MISS";
    }
}
