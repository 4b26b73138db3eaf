# scenario: packets to sba-lima's port 5088 are dropped
lab_nft ip daddr 127.10.1.2 tcp dport 5088 drop
