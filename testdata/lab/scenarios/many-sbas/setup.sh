# scenario: every branch appliance's 5088/5089 is dropped
lab_nft ip daddr 127.10.2.0/24 tcp dport '{ 5088, 5089 }' drop
