"""Tips in context: a library comms staff edit (tips/tips.yaml), the moments they show, and dismissals."""
