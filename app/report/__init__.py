"""The monthly report (PDF or slides) for a leader or the program, and `byline report`."""
