"""For tests that a request only queues its e-mail (with the `mail_queue` fixture of conftest.py)."""


def run_queued(queue):
    """What the worker does: run every recorded task; the number of e-mails they sent."""
    return sum(result.task.call(*result.args, **result.kwargs) for result in queue.results)
