"""Routes of the review, evaluation and calibration pages."""

from django.urls import path

from okrs.evaluation.views import calibration, evaluations, report, reviews

app_name = "evaluation"

urlpatterns = [
    path("", evaluations.evaluation_index, name="index"),
    path("<int:cycle_id>/", evaluations.cycle_evaluation, name="cycle"),
    path("<int:cycle_id>/teams/<slug:slug>/", evaluations.team_evaluation, name="team"),
    path("<int:cycle_id>/close/", evaluations.close_cycle, name="close"),
    path("reviews/", reviews.review_list, name="reviews"),
    path("reviews/new/", reviews.review_new, name="review-new"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review"),
    path("reviews/<int:pk>/notes/", reviews.review_notes, name="review-notes"),
    path(
        "reviews/<int:pk>/objectives/<int:objective_id>/decision/",
        reviews.review_decide,
        name="decide-objective",
    ),
    path(
        "reviews/<int:pk>/objectives/<int:objective_id>/verdict/",
        reviews.review_verdict,
        name="verdict",
    ),
    path(
        "reviews/<int:pk>/key-results/<int:key_result_id>/decision/",
        reviews.review_decide,
        name="decide-key-result",
    ),
    path("calibration/", calibration.calibration, name="calibration"),
    path("calibration/<slug:slug>/", calibration.team_calibration, name="calibration-team"),
    path("<int:cycle_id>/report.pdf", report.quarter_report_pdf, name="report"),
]
