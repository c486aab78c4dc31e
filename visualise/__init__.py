"""Service maps: networkx graphs in, pyvis maps out. Knows nothing of Neo4j."""
