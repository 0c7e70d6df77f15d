nft -f rules.nft
