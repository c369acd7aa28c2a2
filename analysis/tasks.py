"""The job queue's side of the analysis: drawing a year's charts after its data changed."""

from django_tasks import task


@task()
def predraw_charts(year):
    from analysis.predraw import predraw

    return predraw(year)
