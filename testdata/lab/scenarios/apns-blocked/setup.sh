# scenario: packets to APNS port 5223 are dropped, as by a firewall
lab_nft ip daddr 127.30.0.1 tcp dport 5223 drop
