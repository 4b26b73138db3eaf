# scenario: fe02's 443 accepts connections and never answers (no TLS at all).
lab_listen 127.10.0.12 443
