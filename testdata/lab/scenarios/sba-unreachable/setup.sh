# scenario: a router answers "host unreachable" for sba-lima
lab_nft ip daddr 127.10.1.2 tcp dport '{ 5088, 5089 }' reject with icmp type host-unreachable
