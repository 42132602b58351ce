"""Files to models: reading a workspace's YAML, every problem with its place."""
