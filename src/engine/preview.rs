//! One page of one document as a picture, for the web page and `hoinghi preview`: only what
//! the page shows is rendered and set (for the invitations, the one invitee's).

use super::{Engine, invitations};
use crate::documents::Shape;
use crate::i18n::build::BuildMsg;
use crate::model::Conference;
use crate::problem::{Place, Problem, Problems};

/// One page as a picture.
#[derive(Debug)]
pub struct Preview {
    pub png: Vec<u8>,
    /// How many pages the document has.
    pub pages: usize,
    pub warnings: Vec<Problem>,
}

/// What to preview.
#[derive(Debug, Clone)]
pub struct PreviewRequest {
    pub document: String,
    /// For the invitations: whose.
    pub invitee: Option<String>,
    /// 1-based.
    pub page: usize,
    pub dpi: u32,
}

/// The resolutions a preview may have, in dots per inch.
pub const DPI: std::ops::RangeInclusive<u32> = 10..=600;

impl Engine {
    /// One page of one document as a PNG picture.
    pub fn preview(
        &self,
        conf: &Conference,
        request: &PreviewRequest,
    ) -> Result<Preview, Problems> {
        if !DPI.contains(&request.dpi) {
            return Err(Problem::error(
                Place::Arg("--dpi"),
                BuildMsg::DpiOutOfRange { value: request.dpi },
            )
            .into());
        }
        let docs = self.documents(conf, Some(&request.document)).map_err(|p| {
            Problems(
                p.0.into_iter()
                    .map(|p| p.at(Place::Arg("--document")))
                    .collect(),
            )
        })?;
        let Some(&document) = docs.first() else {
            return Err(Problem::error(
                Place::Arg("--document"),
                BuildMsg::NotProduced {
                    name: request.document.clone(),
                },
            )
            .into());
        };
        let index = match &request.invitee {
            Some(text) => self.invitee(conf, text)?,
            None => 0,
        };
        let base = self.context(conf, &[index]);
        let (pages, warnings) = if document.shape == Shape::Invitations {
            // The context holds the one invitee: the source is one invitation.
            let source = self
                .templates
                .render(document.template, base.clone())
                .map_err(Problems::one)?;
            let rendered = document.rendered(source);
            self.check_markers(&rendered, 1)?;
            let source = rendered.invitation(0);
            let fitted =
                invitations::fit(self, conf, document, &base, index, &source).map_err(Problems)?;
            (fitted.pages, fitted.warnings)
        } else {
            let rendered = self.render(conf, &[document], &base)?.remove(0);
            self.typeset(&rendered)?
        };
        let count = pages.pages().len();
        if request.page == 0 || request.page > count {
            return Err(Problem::error(
                Place::Arg("--page"),
                BuildMsg::NoSuchPage {
                    page: request.page,
                    pages: count,
                },
            )
            .into());
        }
        let png = self
            .typesetter
            .png(&pages, request.page - 1, request.dpi as f32 / 72.0)
            .map_err(|e| {
                Problems::one(Problem::error(
                    Place::Nowhere,
                    BuildMsg::PdfFailed { error: e },
                ))
            })?;
        Ok(Preview {
            png,
            pages: count,
            warnings,
        })
    }
}
