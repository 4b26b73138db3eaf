# scenario: the firewall drops what comes back in to the reverse proxy's public address (no hairpin)
lab_nft ip daddr 127.20.0.10 tcp dport '{ 80, 443 }' drop
