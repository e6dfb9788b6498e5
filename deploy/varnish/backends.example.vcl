# The install's own part of kabar.vcl: copy to backends.vcl beside it and list the app nodes.

probe kabar_health {
    .url = "/healthz";
    .interval = 2s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
}

backend node_a {
    .host = "10.0.0.11";
    .port = "8000";
    .probe = kabar_health;
}

backend node_b {
    .host = "10.0.0.12";
    .port = "8000";
    .probe = kabar_health;
}

# Who may PURGE and BAN: the app nodes (their task workers send the purges) and this host.
acl purgers {
    "127.0.0.1";
    "10.0.0.11";
    "10.0.0.12";
}

sub kabar_backends {
    nodes.add_backend(node_a);
    nodes.add_backend(node_b);
}
