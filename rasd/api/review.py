"""Review endpoints: mark an event correct, edit it or reject it; the review queue."""
from __future__ import annotations

from typing import Literal, Optional

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from ..export.record import event_json
from ..store import review as rv
from .auth import require_writer

router = APIRouter(prefix="/api", tags=["review"])


class Figures(BaseModel):
    model_config = ConfigDict(extra="forbid")
    low: int = Field(ge=0)
    best: int = Field(ge=0)
    high: int = Field(ge=0)


class EventEdit(BaseModel):
    """The fields an analyst may change; those left out keep their machine values. A figure set to
    null clears it."""
    model_config = ConfigDict(extra="forbid")
    sub_event_type: Optional[str] = Field(None, description="ACLED sub-event type; the event type follows")
    place_ar: Optional[str] = Field(None, max_length=256)
    place: Optional[str] = Field(None, max_length=256)
    admin1_ar: Optional[str] = Field(None, max_length=128)
    admin1: Optional[str] = Field(None, max_length=128)
    admin2: Optional[str] = Field(None, max_length=128)
    country: Optional[str] = Field(None, max_length=64)
    lat: Optional[float] = Field(None, ge=-90, le=90)
    lon: Optional[float] = Field(None, ge=-180, le=180)
    fatalities: Optional[Figures] = None
    injured: Optional[Figures] = None
    arrested: Optional[Figures] = None
    actor1: Optional[str] = Field(None, max_length=256)
    actor2: Optional[str] = Field(None, max_length=256)
    inter1: Optional[int] = Field(None, ge=0, le=8)
    inter2: Optional[int] = Field(None, ge=0, le=8)
    date: Optional[str] = Field(None, description="YYYY-MM-DD")
    time_precision: Optional[int] = Field(None, ge=1, le=3)


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: Literal["correct", "reject", "edit"]
    changes: Optional[EventEdit] = None
    comment: Optional[str] = Field(None, max_length=4000)


@router.post("/events/{event_id}/review", summary="Review an event: correct, edit or reject")
def review_event(event_id: int, body: ReviewIn, request: Request, user: str = Depends(require_writer)) -> dict:
    changes = body.changes.model_dump(exclude_unset=True) if body.changes else {}
    with request.app.state.engine.begin() as conn:
        try:
            state = rv.add_review(conn, event_id, body.action, user, changes, body.comment)
        except LookupError:
            raise HTTPException(404, f"no event {event_id}") from None
        except rv.ReviewError as exc:
            raise HTTPException(422, str(exc)) from None
    return {"event_id": event_id, "review": state}


@router.get("/events/{event_id}/reviews", summary="Every review of an event, oldest first")
def review_history(event_id: int, request: Request) -> list[dict]:
    with request.app.state.engine.connect() as conn:
        return rv.history(conn, event_id)


@router.get("/review/queue", summary="Events to review: flagged needs_review first, then low confidence")
def review_queue(request: Request, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0),
                 include_reviewed: bool = False) -> dict:
    with request.app.state.engine.connect() as conn:
        rows = rv.queue(conn, limit, offset, include_reviewed)
    return {"events": [{**event_json(e), "review": e["review"]} for e in rows]}
